# reviews-tracking: the local review index.
triage_add_test(NAME tst_review_index LABELS unit SOURCES tst_review_index.cpp LIBS triage_core
                TIMEOUT 60)
