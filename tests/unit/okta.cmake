# client-okta: value types, header parsers, search expressions, review draft rules.
triage_add_test(NAME tst_okta_values LABELS unit SOURCES tst_okta_values.cpp LIBS triage_core
                TIMEOUT 30)
triage_add_test(NAME tst_okta_headers LABELS unit SOURCES tst_okta_headers.cpp LIBS triage_core
                TIMEOUT 30)
triage_add_test(NAME tst_okta_search LABELS unit SOURCES tst_okta_search.cpp LIBS triage_core
                TIMEOUT 30)
triage_add_test(NAME tst_review_draft LABELS unit SOURCES tst_review_draft.cpp LIBS triage_core
                TIMEOUT 30)
