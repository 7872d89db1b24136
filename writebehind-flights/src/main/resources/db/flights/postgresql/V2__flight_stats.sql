-- Page views and bookings per flight: counters the write-behind workers add to
-- (views = views + delta), never overwrite. No foreign key to flight: a counter may be
-- touched before its flight is loaded, and reloading the flights must not cascade here.
CREATE TABLE flight_stats (
  flight_id bigint NOT NULL PRIMARY KEY,
  views     bigint NOT NULL DEFAULT 0,
  bookings  bigint NOT NULL DEFAULT 0
);
