# auth: browser sign-in in real headless Chromium driven over WebDriver (chromedriver).
triage_add_test(NAME tst_browsersignin LABELS browser GUI
                SOURCES tst_browsersignin.cpp WebDriver.cpp WebDriver.h
                LIBS triage_core triage_sandbox Qt6::Gui TIMEOUT 120)
