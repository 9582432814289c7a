package cn.gongji.settlement;

import java.time.format.DateTimeFormatter;

/** The protocol's date formats (PROTOCOL.md §1). */
public final class Formats {

    public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    public static final DateTimeFormatter STAMP_MILLIS = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");
    public static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private Formats() {}
}
