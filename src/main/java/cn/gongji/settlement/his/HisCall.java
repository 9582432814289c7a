package cn.gongji.settlement.his;

import cn.gongji.settlement.HisBusinessException;
import cn.gongji.settlement.Institution;
import cn.gongji.settlement.Person;
import cn.gongji.settlement.ReferenceData;
import java.time.Instant;

/**
 * One authenticated HIS request on its way to its transaction handler; {@code answer} lets a
 * state-changing handler store the answer with its own last write ({@link AnswerSlot}).
 */
public record HisCall(Envelope env, Institution inst, Instant receivedAt, AnswerSlot answer) {

    public Fields input() {
        return env.input();
    }

    public String msgid() {
        return env.msgid();
    }

    /** The named person, whose insured area must be the envelope's insuplc_admdvs. */
    public Person person(ReferenceData ref, String psnNo) {
        Person p = ref.requirePerson(psnNo);
        checkInsuredArea(p);
        return p;
    }

    public void checkInsuredArea(Person p) {
        if (env.insuplcAdmdvs() != null && !env.insuplcAdmdvs().equals(p.insuplcAdmdvs())) {
            throw new HisBusinessException("INSUPLC", "参保地 insuplc_admdvs " + env.insuplcAdmdvs() + " 与参保人 " + p.psnNo()
                    + " 的参保地 " + p.insuplcAdmdvs() + " 不符 / insuplc_admdvs differs from the person's insured area");
        }
    }
}
