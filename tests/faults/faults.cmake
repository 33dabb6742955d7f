# reliability: the fault matrix (every core call x every fault the sandbox plays), create
# reconciliation, the soak at Okta's default limits and the secret leak scan of a whole session.
triage_add_test(NAME tst_fault_matrix LABELS faults SOURCES tst_fault_matrix.cpp
                LIBS triage_core TIMEOUT 120)
# The soak runs TRIAGE_SOAK_SECONDS (default 60) seconds; see tst_soak.cpp.
triage_add_test(NAME tst_soak LABELS "faults;bench" SOURCES tst_soak.cpp LIBS triage_core
                TIMEOUT 240)
