package cn.gongji.registry;

/** Published when an institution's secret or active flag changed (caches of it are evicted after commit). */
public record InstitutionChanged(String code) {}
