# sandbox-reviews: the review store's rules and lifecycle, and the reviews API over real HTTP.
triage_add_test(NAME tst_review_store LABELS sandbox unit
                SOURCES tst_review_store.cpp LIBS triage_sandbox TIMEOUT 60)
triage_add_test(NAME tst_sandbox_reviews LABELS sandbox
                SOURCES tst_sandbox_reviews.cpp LIBS triage_sandbox Qt6::Network TIMEOUT 60)
