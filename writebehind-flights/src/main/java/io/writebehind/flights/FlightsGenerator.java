package io.writebehind.flights;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A synthetic FlughafenDB: the upstream sample's row counts (9,939 airports, 113 airlines,
 * 5,583 airplanes, any number of flights) with made-up but plausible codes and names.
 * The same seed gives the same rows, and flight i is the same whatever the flight count,
 * so a small load is a prefix of a large one.
 *
 * <p>Flight {@value #DEMO_FLIGHT_ID} is always the walkthrough's flight: AM5136 from YPC to
 * XGR with American Samoa Airlines, 2025-10-01 11:19 to 15:03. No other airport or airline
 * gets those codes and no other flight that number, so it is unambiguous in every load.
 */
public final class FlightsGenerator {

  public static final int AIRPORTS = 9_939;
  public static final int AIRLINES = 113;
  public static final int AIRPLANES = 5_583;
  /** The upstream sample's flight count. */
  public static final long UPSTREAM_FLIGHTS = 416_429;
  public static final long DEFAULT_FLIGHTS = 50_000;
  public static final long DEFAULT_SEED = 20_251_001L;
  public static final long DEMO_FLIGHT_ID = 115;

  // Where flight 115's references live; fixed so they do not move with the seed.
  static final int YPC_ID = 6_513;
  static final int XGR_ID = 9_187;
  static final int AM_ID = 7;
  static final int AM_AIRPLANE_ID = 3_217;

  static final String DEMO_FLIGHTNO = "AM5136";
  static final String DEMO_AIRLINE = "American Samoa Airlines";
  static final LocalDateTime DEMO_DEPARTURE = LocalDateTime.of(2025, 10, 1, 11, 19);
  static final LocalDateTime DEMO_ARRIVAL = LocalDateTime.of(2025, 10, 1, 15, 3);

  private static final LocalDateTime YEAR_START = LocalDateTime.of(2025, 1, 1, 0, 0);
  private static final int MINUTES_IN_YEAR = 365 * 24 * 60;
  private static final int MIN_FLIGHT_MINUTES = 30;
  private static final int MAX_FLIGHT_MINUTES = 14 * 60;
  private static final String ICAO_REGIONS = "ABCDEFGHKLMNOPRSTUVWYZ";
  private static final String[] SYLLABLES = {
    "ka", "ro", "mi", "lan", "tor", "bel", "sa", "vik", "do", "ra", "na", "po", "len", "ar",
    "gi", "mo", "su", "ta", "ri", "vel", "zan", "bu", "ko", "la", "de", "mar", "hal", "ston",
    "fi", "ne", "ol", "us", "or", "an", "ber", "gen", "cas", "tel", "ve", "quo", "lim", "sha"
  };
  private static final String[] AIRPORT_SUFFIXES = {
    "Airport", "Airport", "Airport", "International Airport", "International Airport",
    "Regional Airport", "Municipal Airport", "Airfield", "Field"
  };
  private static final String[] AIRLINE_SUFFIXES = {
    "Airlines", "Airways", "Air", "Aviation", "Air Lines", "Express", "Wings", "Jet"
  };

  private final long seed;
  private final List<AirportRow> airports;
  private final List<AirlineRow> airlines;
  private final List<AirplaneRow> airplanes;
  private final int[][] airplanesByAirline;

  public FlightsGenerator(long seed) {
    this.seed = seed;
    this.airports = generateAirports(new SplittableRandom(seed));
    this.airlines = generateAirlines(new SplittableRandom(seed + 1));
    this.airplanes = generateAirplanes(new SplittableRandom(seed + 2));
    this.airplanesByAirline = indexAirplanes(airplanes);
  }

  public long seed() {
    return seed;
  }

  public List<AirportRow> airports() {
    return airports;
  }

  public List<AirlineRow> airlines() {
    return airlines;
  }

  public List<AirplaneRow> airplanes() {
    return airplanes;
  }

  /** Flights 1..count, in id order, generated lazily (the upstream size does not fit a list comfortably). */
  public Iterator<FlightRow> flights(long count) {
    if (count < DEMO_FLIGHT_ID || count > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "flight count must be between " + DEMO_FLIGHT_ID + " and " + Integer.MAX_VALUE + ", was " + count);
    }
    SplittableRandom rnd = new SplittableRandom(seed + 3);
    return new Iterator<>() {
      private int next = 1;

      @Override
      public boolean hasNext() {
        return next <= count;
      }

      @Override
      public FlightRow next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int id = next++;
        return id == DEMO_FLIGHT_ID ? demoFlight() : randomFlight(id, rnd);
      }
    };
  }

  /** Flight 115 exactly as the walkthrough shows it. */
  public static FlightRow demoFlight() {
    return new FlightRow((int) DEMO_FLIGHT_ID, DEMO_FLIGHTNO, YPC_ID, XGR_ID,
        DEMO_DEPARTURE, DEMO_ARRIVAL, AM_ID, AM_AIRPLANE_ID);
  }

  private FlightRow randomFlight(int id, SplittableRandom rnd) {
    AirlineRow airline = airlines.get(rnd.nextInt(AIRLINES));
    int[] fleet = airplanesByAirline[airline.airlineId()];
    int airplane = fleet[rnd.nextInt(fleet.length)];
    int number = rnd.nextInt(10_000);
    if (airline.airlineId() == AM_ID && number == 5_136) {
      number = 5_137;
    }
    String flightno = airline.iata() + (char) ('0' + number / 1000) + (char) ('0' + number / 100 % 10)
        + (char) ('0' + number / 10 % 10) + (char) ('0' + number % 10);
    int from = 1 + rnd.nextInt(AIRPORTS);
    int to = 1 + rnd.nextInt(AIRPORTS - 1);
    if (to >= from) {
      to++;
    }
    LocalDateTime departure = YEAR_START.plusMinutes(rnd.nextInt(MINUTES_IN_YEAR));
    LocalDateTime arrival =
        departure.plusMinutes(rnd.nextInt(MIN_FLIGHT_MINUTES, MAX_FLIGHT_MINUTES + 1));
    return new FlightRow(id, flightno, from, to, departure, arrival, airline.airlineId(), airplane);
  }

  private static List<AirportRow> generateAirports(SplittableRandom rnd) {
    List<String> codes = shuffledCodes(3, rnd);
    codes.remove("YPC");
    codes.remove("XGR");
    List<AirportRow> rows = new ArrayList<>(AIRPORTS);
    int code = 0;
    for (int id = 1; id <= AIRPORTS; id++) {
      if (id == YPC_ID) {
        rows.add(new AirportRow(id, "YPC", "CYPC", "Paulatuk Airport"));
      } else if (id == XGR_ID) {
        rows.add(new AirportRow(id, "XGR", "CXGR", "Kangiqsualujjuaq Georges River Airport"));
      } else {
        String iata = codes.get(code++);
        // Region letter + IATA code: unique because the IATA codes are.
        String icao = ICAO_REGIONS.charAt(rnd.nextInt(ICAO_REGIONS.length())) + iata;
        String name = placeName(rnd) + " " + AIRPORT_SUFFIXES[rnd.nextInt(AIRPORT_SUFFIXES.length)];
        rows.add(new AirportRow(id, iata, icao, name));
      }
    }
    return Collections.unmodifiableList(rows);
  }

  private static List<AirlineRow> generateAirlines(SplittableRandom rnd) {
    List<String> codes = shuffledCodes(2, rnd);
    codes.remove("AM");
    Set<String> names = new HashSet<>();
    names.add(DEMO_AIRLINE);
    List<AirlineRow> rows = new ArrayList<>(AIRLINES);
    int code = 0;
    for (int id = 1; id <= AIRLINES; id++) {
      int base = 1 + rnd.nextInt(AIRPORTS);
      if (id == AM_ID) {
        rows.add(new AirlineRow(id, "AM", DEMO_AIRLINE, base));
        continue;
      }
      String name;
      do {
        name = placeName(rnd) + " " + AIRLINE_SUFFIXES[rnd.nextInt(AIRLINE_SUFFIXES.length)];
      } while (!names.add(name));
      rows.add(new AirlineRow(id, codes.get(code++), name, base));
    }
    return Collections.unmodifiableList(rows);
  }

  private static List<AirplaneRow> generateAirplanes(SplittableRandom rnd) {
    List<AirplaneRow> rows = new ArrayList<>(AIRPLANES);
    for (int id = 1; id <= AIRPLANES; id++) {
      // The first airplanes go one to each airline, so every airline has a fleet to fly.
      int airline = id <= AIRLINES ? id : 1 + rnd.nextInt(AIRLINES);
      if (id == AM_AIRPLANE_ID) {
        airline = AM_ID;
      }
      int capacity = 20 + rnd.nextInt(531);
      int typeId = 1 + rnd.nextInt(342);
      rows.add(new AirplaneRow(id, capacity, typeId, airline));
    }
    return Collections.unmodifiableList(rows);
  }

  private static int[][] indexAirplanes(List<AirplaneRow> airplanes) {
    int[] sizes = new int[AIRLINES + 1];
    for (AirplaneRow a : airplanes) {
      sizes[a.airlineId()]++;
    }
    int[][] byAirline = new int[AIRLINES + 1][];
    for (int i = 1; i <= AIRLINES; i++) {
      byAirline[i] = new int[sizes[i]];
      sizes[i] = 0;
    }
    for (AirplaneRow a : airplanes) {
      byAirline[a.airlineId()][sizes[a.airlineId()]++] = a.airplaneId();
    }
    return byAirline;
  }

  /** All codes of {@code length} capital letters in a seeded random order. */
  private static List<String> shuffledCodes(int length, SplittableRandom rnd) {
    int total = (int) Math.pow(26, length);
    List<String> codes = new ArrayList<>(total);
    char[] buf = new char[length];
    for (int n = 0; n < total; n++) {
      int v = n;
      for (int i = length - 1; i >= 0; i--) {
        buf[i] = (char) ('A' + v % 26);
        v /= 26;
      }
      codes.add(new String(buf));
    }
    for (int i = total - 1; i > 0; i--) {
      Collections.swap(codes, i, rnd.nextInt(i + 1));
    }
    return codes;
  }

  private static String placeName(SplittableRandom rnd) {
    int syllables = 2 + rnd.nextInt(2);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < syllables; i++) {
      sb.append(SYLLABLES[rnd.nextInt(SYLLABLES.length)]);
    }
    sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
    return sb.toString();
  }
}
