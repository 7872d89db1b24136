-- The test copy of the original workshop's FlughafenDB schema in its PostgreSQL flavour:
-- the tables of mariadb.sql with PostgreSQL types (datetime is timestamp, AUTO_INCREMENT
-- is a sequence default) and the same names.
CREATE TABLE airport (
  airport_id smallserial NOT NULL PRIMARY KEY,
  iata char(3) DEFAULT NULL,
  icao char(4) NOT NULL,
  name varchar(50) NOT NULL,
  CONSTRAINT icao_unq UNIQUE (icao)
);
CREATE INDEX name_idx ON airport (name);
CREATE INDEX iata_idx ON airport (iata);

CREATE TABLE airline (
  airline_id smallserial NOT NULL PRIMARY KEY,
  iata char(2) NOT NULL,
  airlinename varchar(30) DEFAULT NULL,
  base_airport smallint NOT NULL REFERENCES airport (airport_id),
  CONSTRAINT iata_unq UNIQUE (iata)
);

CREATE TABLE airplane_type (
  type_id serial NOT NULL PRIMARY KEY,
  identifier varchar(50) DEFAULT NULL,
  description text
);

CREATE TABLE airplane (
  airplane_id serial NOT NULL PRIMARY KEY,
  capacity integer NOT NULL,
  type_id int NOT NULL REFERENCES airplane_type (type_id),
  airline_id int NOT NULL
);

CREATE TABLE flightschedule (
  flightno char(8) NOT NULL PRIMARY KEY,
  "from" smallint NOT NULL REFERENCES airport (airport_id),
  "to" smallint NOT NULL REFERENCES airport (airport_id),
  departure time NOT NULL,
  arrival time NOT NULL,
  airline_id smallint NOT NULL REFERENCES airline (airline_id),
  monday smallint DEFAULT 0,
  tuesday smallint DEFAULT 0,
  wednesday smallint DEFAULT 0,
  thursday smallint DEFAULT 0,
  friday smallint DEFAULT 0,
  saturday smallint DEFAULT 0,
  sunday smallint DEFAULT 0
);

CREATE TABLE flight (
  flight_id serial NOT NULL PRIMARY KEY,
  flightno char(8) NOT NULL REFERENCES flightschedule (flightno),
  "from" smallint NOT NULL REFERENCES airport (airport_id),
  "to" smallint NOT NULL REFERENCES airport (airport_id),
  departure timestamp NOT NULL,
  arrival timestamp NOT NULL,
  airline_id smallint NOT NULL REFERENCES airline (airline_id),
  airplane_id int NOT NULL REFERENCES airplane (airplane_id)
);
CREATE INDEX from_idx ON flight ("from");
CREATE INDEX to_idx ON flight ("to");
CREATE INDEX departure_idx ON flight (departure);
CREATE INDEX arrivals_idx ON flight (arrival);

CREATE TABLE flight_log (
  flight_log_id serial NOT NULL PRIMARY KEY,
  log_date timestamp NOT NULL,
  "user" varchar(100) NOT NULL,
  flight_id int NOT NULL REFERENCES flight (flight_id),
  flightno_old char(8) NOT NULL,
  flightno_new char(8) NOT NULL,
  from_old smallint NOT NULL,
  to_old smallint NOT NULL,
  from_new smallint NOT NULL,
  to_new smallint NOT NULL,
  departure_old timestamp NOT NULL,
  arrival_old timestamp NOT NULL,
  departure_new timestamp NOT NULL,
  arrival_new timestamp NOT NULL,
  airplane_id_old int NOT NULL,
  airplane_id_new int NOT NULL,
  airline_id_old smallint NOT NULL,
  airline_id_new smallint NOT NULL,
  comment varchar(200) DEFAULT NULL
);

CREATE TABLE passenger (
  passenger_id serial NOT NULL PRIMARY KEY,
  passportno char(9) NOT NULL UNIQUE,
  firstname varchar(100) NOT NULL,
  lastname varchar(100) NOT NULL
);

CREATE TABLE booking (
  booking_id serial NOT NULL PRIMARY KEY,
  flight_id int NOT NULL REFERENCES flight (flight_id),
  seat char(4) DEFAULT NULL,
  passenger_id int NOT NULL REFERENCES passenger (passenger_id),
  price decimal(10,2) NOT NULL,
  CONSTRAINT seatplan_unq UNIQUE (flight_id, seat)
);
