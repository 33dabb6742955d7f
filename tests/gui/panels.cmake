# ui-panels: the search, picker, form and review list widgets against the sandbox org.
foreach(name user_search_panel reviewer_picker review_form review_list)
    if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/tst_${name}.cpp)
        triage_add_test(NAME tst_${name} LABELS gui SOURCES tst_${name}.cpp panels_support.h
                        LIBS triage_ui triage_sandbox GUI TIMEOUT 60)
    endif()
endforeach()
