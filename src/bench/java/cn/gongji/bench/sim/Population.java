package cn.gongji.bench.sim;

import java.util.List;

/** What the generator created (or reused): hospitals, pharmacies and persons. */
public record Population(List<Institution> hospitals, List<Institution> pharmacies, List<Person> persons) {

    /** An insured person as the generator knows them. */
    public record Person(String psnNo, String certno) {}
}
