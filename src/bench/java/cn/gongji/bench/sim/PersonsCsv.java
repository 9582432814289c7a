package cn.gongji.bench.sim;

import cn.gongji.bench.sim.Population.Person;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Large populations (10^6) through the CSV import instead of the agency API: the generator writes
 * valid persons for {@code ./gongji import persons FILE} (docs/import.md columns) and later reads
 * their certnos back; psn_nos are then learnt through 1101 when a person is first used.
 */
public final class PersonsCsv {

    private PersonsCsv() {}

    /** n persons with distinct certnos: birth date and sequence number derived from the row index. */
    public static void write(Path file, int n, long seed, String admdvs) {
        Random r = new Random(seed);
        LocalDate first = LocalDate.of(1960, 1, 1).plusDays(r.nextInt(3650));
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("certno,psn_name,insuplc_admdvs,emp_name,status,insu_date,contribution_base\n");
            for (int i = 0; i < n; i++) {
                LocalDate birth = first.plusDays(i / 1000);
                String first17 = admdvs + birth.toString().replace("-", "") + String.format("%03d", i % 1000);
                String status = birth.getYear() < 1964 && i % 2 == 0 ? "retired" : "in_service";
                w.write(first17 + PopulationSetup.checkChar(first17) + ",模拟" + Integer.toString(i, 36) + ","
                        + admdvs + ",模拟单位," + status + ",2015-01-01," + (3000 + r.nextInt(7000)) + "\n");
            }
        } catch (IOException e) {
            throw new SimulationException("cannot write " + file + ": " + e);
        }
    }

    /** The first n persons of the file (certno only: the psn_no is asked with 1101 when needed). */
    public static List<Person> read(Path file, int n) {
        List<Person> out = new ArrayList<>(n);
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            var it = lines.iterator();
            String[] header = it.hasNext() ? it.next().replace("\uFEFF", "").split(",") : new String[0];
            int col = List.of(header).indexOf("certno");
            if (col < 0) {
                throw new SimulationException(file + " has no certno column");
            }
            while (it.hasNext() && out.size() < n) {
                String line = it.next();
                if (!line.isBlank()) {
                    out.add(new Person(null, line.split(",")[col].trim()));
                }
            }
        } catch (IOException e) {
            throw new SimulationException("cannot read " + file + ": " + e);
        }
        if (out.size() < n) {
            throw new SimulationException(file + " holds " + out.size() + " persons, fewer than --persons " + n);
        }
        return out;
    }
}
