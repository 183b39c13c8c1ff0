# Included by ctest (TEST_INCLUDE_FILES of src/store) after gtest_discover_tests has defined
# palabre_store_test_TESTS: every test that talks to PostgreSQL requires the cluster fixture.
# Such a suite is named Pg* (also outside postgres/: store/migrate's PgMigrateTest) or is a
# conformance suite's Postgres instance.
foreach(test IN LISTS palabre_store_test_TESTS)
  if(test MATCHES "/Postgres( |$)" OR test MATCHES "^Pg")
    set_tests_properties("${test}" PROPERTIES FIXTURES_REQUIRED palabre_pg)
  endif()
endforeach()
