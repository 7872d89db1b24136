-- The FlughafenDB tables the write-behind walkthrough uses, plus wb_version on flight:
-- the highest write-behind version applied to the row, so replays and late workers are no-ops.
CREATE TABLE airport (
  airport_id smallint    NOT NULL PRIMARY KEY,
  iata       char(3)     NULL,
  icao       char(4)     NOT NULL,
  name       varchar(50) NOT NULL,
  CONSTRAINT airport_icao_unq UNIQUE (icao)
);
CREATE INDEX airport_iata_idx ON airport (iata);
CREATE INDEX airport_name_idx ON airport (name);

CREATE TABLE airline (
  airline_id   smallint    NOT NULL PRIMARY KEY,
  iata         char(2)     NOT NULL,
  airlinename  varchar(30) NULL,
  base_airport smallint    NOT NULL REFERENCES airport (airport_id),
  CONSTRAINT airline_iata_unq UNIQUE (iata)
);
CREATE INDEX airline_base_airport_idx ON airline (base_airport);

CREATE TABLE airplane (
  airplane_id int      NOT NULL PRIMARY KEY,
  capacity    int      NOT NULL,
  type_id     int      NOT NULL,
  airline_id  smallint NOT NULL REFERENCES airline (airline_id)
);
CREATE INDEX airplane_airline_idx ON airplane (airline_id);

CREATE TABLE flight (
  flight_id   int       NOT NULL PRIMARY KEY,
  flightno    char(8)   NOT NULL,
  "from"      smallint  NOT NULL REFERENCES airport (airport_id),
  "to"        smallint  NOT NULL REFERENCES airport (airport_id),
  departure   timestamp NOT NULL,
  arrival     timestamp NOT NULL,
  airline_id  smallint  NOT NULL REFERENCES airline (airline_id),
  airplane_id int       NOT NULL REFERENCES airplane (airplane_id),
  wb_version  bigint    NOT NULL DEFAULT 0
);
CREATE INDEX flight_from_idx ON flight ("from");
CREATE INDEX flight_to_idx ON flight ("to");
CREATE INDEX flight_departure_idx ON flight (departure);
CREATE INDEX flight_arrival_idx ON flight (arrival);
CREATE INDEX flight_airline_idx ON flight (airline_id);
CREATE INDEX flight_airplane_idx ON flight (airplane_id);

-- No primary key, as in the original; the index serves the per-flight audit queries.
CREATE TABLE flight_log (
  log_date        timestamp    NOT NULL,
  "user"          varchar(100) NOT NULL,
  flight_id       int          NOT NULL,
  flightno_old    char(8)      NOT NULL,
  flightno_new    char(8)      NOT NULL,
  from_old        smallint     NOT NULL,
  to_old          smallint     NOT NULL,
  from_new        smallint     NOT NULL,
  to_new          smallint     NOT NULL,
  departure_old   timestamp    NOT NULL,
  arrival_old     timestamp    NOT NULL,
  departure_new   timestamp    NOT NULL,
  arrival_new     timestamp    NOT NULL,
  airplane_id_old int          NOT NULL,
  airplane_id_new int          NOT NULL,
  airline_id_old  smallint     NOT NULL,
  airline_id_new  smallint     NOT NULL,
  comment         varchar(200) NULL
);
CREATE INDEX flight_log_flight_idx ON flight_log (flight_id);
