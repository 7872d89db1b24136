-- Position reports of airborne flights, appended by the write-behind workers (one row per
-- acknowledged event, event_id = the id append returned; reported_at in UTC). No primary
-- key on purpose: each event lands once because the batch and the partition's position
-- (writebehind_positions) commit together, so a unique check would only slow the copy, and
-- it would turn a doubled event into a failed batch where a checker cannot count it. The
-- index serves a flight's reports in order.
-- No foreign key to flight, as for flight_stats: reports may come for flights not loaded.
CREATE TABLE flight_event (
  event_id    bigint       NOT NULL,
  flight_id   bigint       NOT NULL,
  reported_at timestamp(3) NOT NULL,
  lat         double precision NOT NULL,
  lon         double precision NOT NULL,
  altitude_ft int          NOT NULL,
  speed_kt    int          NOT NULL,
  status      varchar(16)  NOT NULL
);
CREATE INDEX flight_event_flight ON flight_event (flight_id, event_id);
