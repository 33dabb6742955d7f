# sandbox-reviews: the review store's rules and lifecycle, and the reviews API over real HTTP.
triage_add_test(NAME tst_review_store LABELS sandbox unit
                SOURCES tst_review_store.cpp LIBS triage_sandbox TIMEOUT 60)
