# sandbox-core: the sandbox's HTTP framework, authentication, rate limits, faults and OAuth.
triage_add_test(NAME tst_sandbox_oauth LABELS sandbox
                SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_sandbox_oauth.cpp
                LIBS triage_sandbox Qt6::Network TIMEOUT 60)
# The OAuth test checks id_token signatures against the JWKS with libcrypto.
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
target_link_libraries(tst_sandbox_oauth PRIVATE OpenSSL::Crypto)
triage_add_test(NAME tst_sandbox_http LABELS sandbox
                SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_sandbox_http.cpp
                LIBS triage_sandbox Qt6::Network TIMEOUT 60)
if(TARGET okta-sandbox)
    add_dependencies(tst_sandbox_http okta-sandbox)
    target_compile_definitions(tst_sandbox_http PRIVATE
        OKTA_SANDBOX_EXECUTABLE="$<TARGET_FILE:okta-sandbox>")
endif()
