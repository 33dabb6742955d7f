#include "auth/Pkce.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using triage::auth::Pkce;

class TestPkce : public QObject
{
    Q_OBJECT
private slots:
    void rfc7636AppendixB()
    {
        QCOMPARE(Pkce::challengeFor("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
                 QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    }

    void challengeIsBase64UrlWithoutPadding()
    {
        // Hostile verifiers still give a 43-char url-safe challenge (SHA-256 is 32 bytes).
        for (const QByteArray &v :
             {QByteArray("\"quoted\\back\""), QByteArray("\xc3\xa9\xe6\x97\xa5"), QByteArray(),
              QByteArray(200, '~')}) {
            const QByteArray c = Pkce::challengeFor(v);
            QCOMPARE(c.size(), 43);
            QVERIFY(!c.contains('=') && !c.contains('+') && !c.contains('/'));
        }
    }

    void verifierAlphabetAndLength()
    {
        static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9._~-]+$"));
        QCOMPARE(Pkce::generateVerifier().size(), 64);
        QCOMPARE(Pkce::generateVerifier(10).size(), 43);   // clamped up to RFC minimum
        QCOMPARE(Pkce::generateVerifier(500).size(), 128); // clamped down to RFC maximum
        for (int i = 0; i < 200; ++i) {
            const QByteArray v = Pkce::generateVerifier();
            QVERIFY2(allowed.match(QString::fromLatin1(v)).hasMatch(), v.constData());
        }
    }

    void verifiersAreRandom()
    {
        QSet<QByteArray> seen;
        QHash<char, int> counts;
        const int n = 2000;
        for (int i = 0; i < n; ++i) {
            const QByteArray v = Pkce::generateVerifier();
            seen.insert(v);
            for (char c : v)
                ++counts[c];
        }
        QCOMPARE(seen.size(), n);
        // Every one of the 66 characters shows up, and none is far from the mean (64*2000/66).
        QCOMPARE(counts.size(), 66);
        const double mean = 64.0 * n / 66.0;
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            QVERIFY2(it.value() > mean * 0.85 && it.value() < mean * 1.15,
                     qPrintable(QStringLiteral("char %1 count %2").arg(it.key()).arg(it.value())));
    }

    void stateAndNonceAreRandomAndUrlSafe()
    {
        static const QRegularExpression urlSafe(QStringLiteral("^[A-Za-z0-9_-]{43}$"));
        QSet<QByteArray> seen;
        for (int i = 0; i < 1000; ++i) {
            const QByteArray t = Pkce::randomToken();
            QVERIFY(urlSafe.match(QString::fromLatin1(t)).hasMatch());
            seen.insert(t);
        }
        QCOMPARE(seen.size(), 1000);
    }
};

QTEST_GUILESS_MAIN(TestPkce)
#include "tst_pkce.moc"
