package cn.gongji.bench.sim;

import java.util.List;

/** What the generator created (or reused): hospitals, pharmacies and persons. */
public record Population(List<Institution> hospitals, List<Institution> pharmacies, List<Person> persons) {

    /**
     * An insured person as the generator knows them. psnNo is null for a person imported from a CSV
     * until a 1101 (by certno) has answered it.
     */
    public record Person(String psnNo, String certno) {}
}
