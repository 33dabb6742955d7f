# reviews-tracking: status polling and the pre-flight limits, against the sandbox over HTTP.
triage_add_test(NAME tst_review_tracker LABELS client SOURCES tst_review_tracker.cpp
                TrackingHarness.h LIBS triage_core TIMEOUT 120)
triage_add_test(NAME tst_preflight_check LABELS client SOURCES tst_preflight_check.cpp
                TrackingHarness.h LIBS triage_core TIMEOUT 120)
