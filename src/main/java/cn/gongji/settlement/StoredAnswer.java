package cn.gongji.settlement;

/**
 * The answer of a successful state-changing HIS message, to be stored in his_message in the
 * transaction of its effect (exactly once per (fixmedins_code, msgid)). A settlement batch stores its
 * answers in the same call that writes its settlements ({@code gongji_settle_many}).
 */
public record StoredAnswer(String fixmedinsCode, String msgid, String infno, String bodySha256, String psnNo,
        String response) {}
