#include "okta/HeaderParsers.h"

namespace triage::okta {

namespace {

// A tiny cursor over header text, shared by both parsers (token / quoted-string grammar of RFC
// 9110).
class HeaderCursor
{
public:
    explicit HeaderCursor(const QString &text)
        : m_text(text)
    {}

    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek() const { return atEnd() ? QChar() : m_text.at(m_pos); }
    void skipSpace()
    {
        while (!atEnd() && (peek() == QLatin1Char(' ') || peek() == QLatin1Char('\t')))
            ++m_pos;
    }
    bool consume(QChar c)
    {
        skipSpace();
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }
    // token chars: anything but separators and whitespace.
    QString token()
    {
        skipSpace();
        const qsizetype start = m_pos;
        static const QString separators = QStringLiteral("()<>@,;:\\\"/[]?={} \t");
        while (!atEnd() && !separators.contains(peek()))
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }
    // A quoted string with backslash escapes; nullopt if unterminated.
    std::optional<QString> quoted()
    {
        skipSpace();
        if (peek() != QLatin1Char('"'))
            return std::nullopt;
        ++m_pos;
        QString out;
        while (!atEnd()) {
            const QChar c = m_text.at(m_pos++);
            if (c == QLatin1Char('"'))
                return out;
            if (c == QLatin1Char('\\')) {
                if (atEnd())
                    return std::nullopt;
                out += m_text.at(m_pos++);
            } else {
                out += c;
            }
        }
        return std::nullopt;
    }
    // Value of a parameter: token or quoted string.
    std::optional<QString> tokenOrQuoted()
    {
        skipSpace();
        if (peek() == QLatin1Char('"'))
            return quoted();
        const QString t = token();
        if (t.isEmpty())
            return std::nullopt;
        return t;
    }
    // Up to (not including) `c`, for the URI in <...>.
    std::optional<QString> until(QChar c)
    {
        const qsizetype end = m_text.indexOf(c, m_pos);
        if (end < 0)
            return std::nullopt;
        QString out = m_text.mid(m_pos, end - m_pos);
        m_pos = end + 1;
        return out;
    }
    // Skips to just after the next top-level `c` outside quotes (error recovery).
    void skipPast(QChar c)
    {
        while (!atEnd()) {
            if (peek() == QLatin1Char('"')) {
                if (!quoted())
                    m_pos = m_text.size();
                continue;
            }
            if (m_text.at(m_pos++) == c)
                return;
        }
    }

private:
    QString m_text;
    qsizetype m_pos = 0;
};

} // namespace

QUrl linkWithRelation(const QList<QByteArray> &linkHeaders, const QString &relation)
{
    for (const QByteArray &header : linkHeaders) {
        HeaderCursor cur(QString::fromUtf8(header));
        while (!cur.atEnd()) {
            if (!cur.consume(QLatin1Char('<'))) {
                cur.skipPast(QLatin1Char(','));
                continue;
            }
            const std::optional<QString> target = cur.until(QLatin1Char('>'));
            if (!target)
                break;
            bool matches = false;
            while (cur.consume(QLatin1Char(';'))) {
                const QString name = cur.token().toLower();
                std::optional<QString> value;
                if (cur.consume(QLatin1Char('=')))
                    value = cur.tokenOrQuoted();
                // rel may hold several space-separated relation types.
                if (name == QLatin1String("rel") && value &&
                    value->split(QLatin1Char(' '), Qt::SkipEmptyParts)
                        .contains(relation, Qt::CaseInsensitive))
                    matches = true;
            }
            if (matches) {
                const QUrl url(target->trimmed(), QUrl::StrictMode);
                if (url.isValid())
                    return url;
            }
            cur.skipPast(QLatin1Char(','));
        }
    }
    return {};
}

std::optional<AuthChallenge> AuthChallenge::parse(const QByteArray &header)
{
    HeaderCursor cur(QString::fromUtf8(header));
    AuthChallenge challenge;
    challenge.scheme = cur.token();
    if (challenge.scheme.isEmpty())
        return std::nullopt;
    while (!cur.atEnd()) {
        const QString name = cur.token().toLower();
        if (name.isEmpty() || !cur.consume(QLatin1Char('=')))
            return std::nullopt;
        const std::optional<QString> value = cur.tokenOrQuoted();
        if (!value)
            return std::nullopt;
        challenge.params.insert(name, *value);
        cur.skipSpace();
        if (!cur.atEnd() && !cur.consume(QLatin1Char(',')))
            return std::nullopt;
    }
    return challenge;
}

} // namespace triage::okta
