-- Tests only (RealInfrastructure): the query side's test login may also append events and write
-- the poller's status, because the tests publish events and set poll times through the app's own
-- connection, standing in for the command side. ge_query_app itself gets neither
-- (QuerySidePrivilegesIT).
GRANT INSERT ON domain_event_entry TO ${it_query_login};
GRANT USAGE ON SEQUENCE domain_event_entry_global_index_seq TO ${it_query_login};
GRANT INSERT, UPDATE ON market.poll_status TO ${it_query_login};
