package cn.gongji.settlement.his;

/** The x-tif authentication headers (PROTOCOL.md §1). */
public record HisHeaders(String paasid, String timestamp, String nonce, String signature) {}
