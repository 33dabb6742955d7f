# auth: PKCE, org addresses, profiles, the loopback receiver.
triage_add_test(NAME tst_pkce LABELS unit SOURCES tst_pkce.cpp LIBS triage_core TIMEOUT 30)
triage_add_test(NAME tst_orgurl LABELS unit SOURCES tst_orgurl.cpp LIBS triage_core TIMEOUT 30)
triage_add_test(NAME tst_loopbackreceiver LABELS unit SOURCES tst_loopbackreceiver.cpp
                LIBS triage_core TIMEOUT 60)
triage_add_test(NAME tst_profilestore LABELS unit SOURCES tst_profilestore.cpp LIBS triage_core
                TIMEOUT 30)
triage_add_test(NAME tst_tokenset LABELS unit SOURCES tst_tokenset.cpp LIBS triage_core
                TIMEOUT 30)
