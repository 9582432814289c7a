package cn.gongji.account.web;

import cn.gongji.account.LedgerRefused;
import cn.gongji.account.Refusal;
import cn.gongji.web.AgencyProblem;
import cn.gongji.web.FieldProblem;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;

/** Ledger refusals as agency-API problems (the one error shape, mapped by AgencyProblemAdvice). */
final class Refusals {

    private Refusals() {}

    static <T> T mapped(Supplier<T> call) {
        try {
            return call.get();
        } catch (LedgerRefused e) {
            throw problem(e.refusal());
        }
    }

    static AgencyProblem problem(Refusal r) {
        HttpStatus status = switch (r) {
            case Refusal.NoAccount n -> HttpStatus.NOT_FOUND;
            case Refusal.WrongAmount w -> HttpStatus.BAD_REQUEST;
            case Refusal.InsufficientBalance i -> HttpStatus.CONFLICT;
            case Refusal.AccountClosed c -> HttpStatus.CONFLICT;
            case Refusal.ReferenceReused u -> HttpStatus.CONFLICT;
        };
        String field = switch (r) {
            case Refusal.ReferenceReused u -> "ref";
            case Refusal.AccountClosed c -> "psn_no";
            case Refusal.NoAccount n -> "psn_no";
            default -> "amount";
        };
        String title = switch (r) {
            case Refusal.NoAccount n -> "没有个人账户 / No personal account";
            case Refusal.WrongAmount w -> "金额不适用 / Amount not accepted";
            case Refusal.InsufficientBalance i -> "个人账户余额不足 / Insufficient balance";
            case Refusal.AccountClosed c -> "个人账户已关闭 / Account closed";
            case Refusal.ReferenceReused u -> "业务流水号已使用 / Reference already used";
        };
        String msg = r.message();
        int slash = msg.indexOf(" / ");
        FieldProblem fp = slash < 0 ? new FieldProblem(field, msg)
                : FieldProblem.of(field, msg.substring(0, slash), msg.substring(slash + 3));
        return new AgencyProblem(status, r.code().replace('_', '-'), title, msg, List.of(fp));
    }
}
