# sandbox-directory: the query languages (unit) and the Users API over HTTP.
triage_add_test(NAME tst_user_query LABELS sandbox unit
                SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_user_query.cpp LIBS triage_sandbox TIMEOUT 30)
triage_add_test(NAME tst_sandbox_users LABELS sandbox
                SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_sandbox_users.cpp LIBS triage_sandbox
                TIMEOUT 60)
