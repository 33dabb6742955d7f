# reliability: the fault matrix (every core call x every fault the sandbox plays), create
# reconciliation, the soak at Okta's default limits and the secret leak scan of a whole session.
triage_add_test(NAME tst_fault_matrix LABELS faults SOURCES tst_fault_matrix.cpp
                LIBS triage_core TIMEOUT 120)
# The soak runs TRIAGE_SOAK_SECONDS (default 60) seconds; see tst_soak.cpp.
triage_add_test(NAME tst_soak LABELS "faults;bench" SOURCES tst_soak.cpp LIBS triage_core
                TIMEOUT 240)
# The leak scan uses the real keychain when one runs (.ci/test-all provides it) and stays for the
# session only when none does; the second entry forces the keychain-less path.
triage_add_test(NAME tst_secret_leak_scan LABELS faults SOURCES tst_secret_leak_scan.cpp
                LIBS triage_core triage_sandbox TIMEOUT 60)
add_test(NAME tst_secret_leak_scan_no_keychain COMMAND tst_secret_leak_scan)
set_tests_properties(tst_secret_leak_scan_no_keychain PROPERTIES LABELS faults TIMEOUT 60
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=triage.*.debug=true;DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent")
triage_add_test(NAME tst_auth_fault_matrix LABELS faults SOURCES tst_auth_fault_matrix.cpp
                LIBS triage_core triage_sandbox TIMEOUT 120)
