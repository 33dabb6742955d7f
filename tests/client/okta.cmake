# client-okta: the Okta client and review operations against the sandbox org over real HTTP.
triage_add_test(NAME tst_okta_users_client LABELS client SOURCES tst_okta_users_client.cpp
                LIBS triage_core TIMEOUT 60)
triage_add_test(NAME tst_okta_connection_faults LABELS "client;faults"
                SOURCES tst_okta_connection_faults.cpp LIBS triage_core TIMEOUT 90)
triage_add_test(NAME tst_okta_reviews_client LABELS client SOURCES tst_okta_reviews_client.cpp
                LIBS triage_core TIMEOUT 60)
triage_add_test(NAME tst_okta_rate_limits LABELS "client;faults" SOURCES tst_okta_rate_limits.cpp
                LIBS triage_core TIMEOUT 60)
