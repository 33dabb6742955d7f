# ui-shell: the connection wizard, start-up, and the whole flow in the main window, against the
# in-process sandbox org over real HTTP.
foreach(name wizard main_flow)
    if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/tst_${name}.cpp)
        triage_add_test(NAME tst_${name} LABELS gui SOURCES tst_${name}.cpp shell_support.h
                        LIBS triage_ui triage_sandbox GUI TIMEOUT 120)
    endif()
endforeach()
