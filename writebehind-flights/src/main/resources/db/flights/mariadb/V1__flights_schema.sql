-- The FlughafenDB tables the write-behind walkthrough uses, plus wb_version on flight:
-- the highest write-behind version applied to the row, so replays and late workers are no-ops.
CREATE TABLE airport (
  airport_id smallint    NOT NULL PRIMARY KEY,
  iata       char(3)     NULL,
  icao       char(4)     NOT NULL,
  name       varchar(50) NOT NULL,
  UNIQUE KEY airport_icao_unq (icao),
  KEY airport_iata_idx (iata),
  KEY airport_name_idx (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE airline (
  airline_id   smallint    NOT NULL PRIMARY KEY,
  iata         char(2)     NOT NULL,
  airlinename  varchar(30) NULL,
  base_airport smallint    NOT NULL,
  UNIQUE KEY airline_iata_unq (iata),
  KEY airline_base_airport_idx (base_airport),
  CONSTRAINT airline_base_airport_fk FOREIGN KEY (base_airport) REFERENCES airport (airport_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE airplane (
  airplane_id int      NOT NULL PRIMARY KEY,
  capacity    int      NOT NULL,
  type_id     int      NOT NULL,
  airline_id  smallint NOT NULL,
  KEY airplane_airline_idx (airline_id),
  CONSTRAINT airplane_airline_fk FOREIGN KEY (airline_id) REFERENCES airline (airline_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE flight (
  flight_id   int      NOT NULL PRIMARY KEY,
  flightno    char(8)  NOT NULL,
  `from`      smallint NOT NULL,
  `to`        smallint NOT NULL,
  departure   datetime NOT NULL,
  arrival     datetime NOT NULL,
  airline_id  smallint NOT NULL,
  airplane_id int      NOT NULL,
  wb_version  bigint   NOT NULL DEFAULT 0,
  KEY flight_from_idx (`from`),
  KEY flight_to_idx (`to`),
  KEY flight_departure_idx (departure),
  KEY flight_arrival_idx (arrival),
  KEY flight_airline_idx (airline_id),
  KEY flight_airplane_idx (airplane_id),
  CONSTRAINT flight_from_fk FOREIGN KEY (`from`) REFERENCES airport (airport_id),
  CONSTRAINT flight_to_fk FOREIGN KEY (`to`) REFERENCES airport (airport_id),
  CONSTRAINT flight_airline_fk FOREIGN KEY (airline_id) REFERENCES airline (airline_id),
  CONSTRAINT flight_airplane_fk FOREIGN KEY (airplane_id) REFERENCES airplane (airplane_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- No primary key, as in the original; the index serves the per-flight audit queries.
CREATE TABLE flight_log (
  log_date        datetime     NOT NULL,
  `user`          varchar(100) NOT NULL,
  flight_id       int          NOT NULL,
  flightno_old    char(8)      NOT NULL,
  flightno_new    char(8)      NOT NULL,
  from_old        smallint     NOT NULL,
  to_old          smallint     NOT NULL,
  from_new        smallint     NOT NULL,
  to_new          smallint     NOT NULL,
  departure_old   datetime     NOT NULL,
  arrival_old     datetime     NOT NULL,
  departure_new   datetime     NOT NULL,
  arrival_new     datetime     NOT NULL,
  airplane_id_old int          NOT NULL,
  airplane_id_new int          NOT NULL,
  airline_id_old  smallint     NOT NULL,
  airline_id_new  smallint     NOT NULL,
  comment         varchar(200) NULL,
  KEY flight_log_flight_idx (flight_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
