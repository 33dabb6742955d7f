# auth: browser sign-in (form driven by QNetworkAccessManager), refresh, rotation, sign-out and
# org discovery against the sandbox org. tst_session stores refresh tokens in the real keychain:
# run it with a Secret Service (.ci/test-all provides one).
triage_add_test(NAME tst_session LABELS client SOURCES tst_session.cpp
                LIBS triage_core triage_sandbox TIMEOUT 60)
triage_add_test(NAME tst_orgdiscovery LABELS client SOURCES tst_orgdiscovery.cpp
                LIBS triage_core triage_sandbox TIMEOUT 60)
# The same flows with no Secret Service at all: KeychainUnavailable, never "signed out".
add_test(NAME tst_session_no_keychain
         COMMAND tst_session keychainUnavailableOffersThisSessionOnly)
set_tests_properties(tst_session_no_keychain PROPERTIES LABELS client TIMEOUT 60
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent")
