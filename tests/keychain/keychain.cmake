# auth: the token vault against the real Secret Service (run under dbus-run-session with an
# unlocked gnome-keyring, see .ci/test-all); with no Secret Service at all; with one that never
# answers; and with a keyring of its own that the test locks.
triage_add_test(NAME tst_tokenvault LABELS keychain SOURCES tst_tokenvault.cpp
                LIBS triage_core Qt6Keychain::Qt6Keychain Qt6::DBus TIMEOUT 60)
add_test(NAME tst_tokenvault_unavailable
         COMMAND tst_tokenvault unavailableWithoutSecretService)
set_tests_properties(tst_tokenvault_unavailable PROPERTIES LABELS keychain TIMEOUT 60
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent")
add_test(NAME tst_tokenvault_silent COMMAND tst_tokenvault unavailableWhenTheKeychainNeverAnswers)
set_tests_properties(tst_tokenvault_silent PROPERTIES LABELS keychain TIMEOUT 60
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;TRIAGE_SILENT_BUS=1")
add_test(NAME tst_tokenvault_locked
         COMMAND ${PROJECT_SOURCE_DIR}/tests/support/in-throwaway-session
                 $<TARGET_FILE:tst_tokenvault> unavailableWhenTheKeychainIsLocked)
set_tests_properties(tst_tokenvault_locked PROPERTIES LABELS keychain TIMEOUT 60
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;TRIAGE_LOCK_KEYRING=1")
