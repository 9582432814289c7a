package cn.gongji.settlement;

/**
 * A refusal for timing alone, thrown inside the message's transaction before anything of it is
 * kept: the message may run again at once ({@code HisProcessor} does, like a deadlock's victim), and
 * is answered with this refusal only when its attempts are spent. Today: a family draw that gave way
 * to a settlement drawing on the member's own account ({@code FamilyAid.Busy#yielded}).
 */
public final class RunAgainRefusal extends HisBusinessException {

    public RunAgainRefusal(String code, String message) {
        super(code, message);
    }
}
