#include "auth/ProfileStore.h"

#include <QSettings>

#include <algorithm>

namespace triage::auth {

namespace {
// Every key this class writes, in one place.
const QString profilesGroup = QStringLiteral("profiles");
const QString currentKey = QStringLiteral("currentProfile");
const QString displayNameKey = QStringLiteral("displayName");
const QString orgUrlKey = QStringLiteral("orgUrl");
const QString sandboxKey = QStringLiteral("sandbox");
const QString clientIdKey = QStringLiteral("clientId");
const QString redirectPortKey = QStringLiteral("redirectPort");
const QString scopesKey = QStringLiteral("scopes");
const QString colourKey = QStringLiteral("colour");

QString text(const QSettings &settings, const QString &key)
{
    const QVariant value = settings.value(key);
    return value.typeId() == QMetaType::QString ? value.toString() : QString();
}
} // namespace

ProfileStore::ProfileStore()
    : m_owned(std::make_unique<QSettings>(QSettings::UserScope))
    , m_settings(m_owned.get())
{}

ProfileStore::ProfileStore(QSettings *settings)
    : m_settings(settings)
{}

ProfileStore::~ProfileStore() = default;

std::optional<OrgProfile> ProfileStore::profile(const QString &id) const
{
    if (id.isEmpty() || id.contains(QLatin1Char('/')) ||
        !m_settings->childGroups().contains(profilesGroup))
        return std::nullopt;
    m_settings->beginGroup(profilesGroup);
    const bool exists = m_settings->childGroups().contains(id);
    OrgProfile p;
    if (exists) {
        m_settings->beginGroup(id);
        p.id = id;
        p.displayName = text(*m_settings, displayNameKey);
        p.orgUrl = text(*m_settings, orgUrlKey);
        p.sandbox = m_settings->value(sandboxKey, false).toBool();
        p.clientId = text(*m_settings, clientIdKey);
        bool ok = false;
        const uint port =
            m_settings->value(redirectPortKey, OrgProfile::DefaultRedirectPort).toUInt(&ok);
        p.redirectPort = ok && port <= 65535 ? quint16(port) : 0;
        const QString scopes = text(*m_settings, scopesKey);
        p.scopes = scopes.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        p.colour = text(*m_settings, colourKey);
        m_settings->endGroup();
    }
    m_settings->endGroup();
    if (!exists || !p.validate().isEmpty())
        return std::nullopt;
    return p;
}

QList<OrgProfile> ProfileStore::profiles() const
{
    m_settings->beginGroup(profilesGroup);
    const QStringList ids = m_settings->childGroups();
    m_settings->endGroup();
    QList<OrgProfile> result;
    for (const QString &id : ids) {
        if (auto p = profile(id))
            result << *p;
    }
    std::sort(result.begin(), result.end(), [](const OrgProfile &a, const OrgProfile &b) {
        return QString::localeAwareCompare(a.displayName, b.displayName) < 0;
    });
    return result;
}

bool ProfileStore::save(const OrgProfile &profile, QString *error)
{
    const QString problem = profile.validate();
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    m_settings->beginGroup(profilesGroup);
    m_settings->remove(profile.id);
    m_settings->beginGroup(profile.id);
    m_settings->setValue(displayNameKey, profile.displayName);
    m_settings->setValue(orgUrlKey, profile.org().toString());
    m_settings->setValue(sandboxKey, profile.sandbox);
    m_settings->setValue(clientIdKey, profile.clientId);
    m_settings->setValue(redirectPortKey, profile.redirectPort);
    if (!profile.scopes.isEmpty())
        m_settings->setValue(scopesKey, profile.scopes.join(QLatin1Char(' ')));
    if (!profile.colour.isEmpty())
        m_settings->setValue(colourKey, profile.colour);
    m_settings->endGroup();
    m_settings->endGroup();
    m_settings->sync();
    if (m_settings->status() != QSettings::NoError) {
        if (error)
            *error = tr("The settings could not be written.");
        return false;
    }
    return true;
}

void ProfileStore::remove(const QString &id)
{
    if (id.isEmpty() || id.contains(QLatin1Char('/')))
        return;
    m_settings->beginGroup(profilesGroup);
    m_settings->remove(id);
    m_settings->endGroup();
    if (text(*m_settings, currentKey) == id)
        m_settings->remove(currentKey);
    m_settings->sync();
}

QString ProfileStore::currentProfileId() const
{
    const QString id = text(*m_settings, currentKey);
    return profile(id) ? id : QString();
}

void ProfileStore::setCurrentProfileId(const QString &id)
{
    m_settings->setValue(currentKey, id);
    m_settings->sync();
}

} // namespace triage::auth
