package cn.gongji.store;

/** The embedded store's data directory is held by a running Gongji service (StalePostmaster#refuseIfInUse). */
public final class StoreInUse extends IllegalStateException {

    StoreInUse(String message) {
        super(message);
    }
}
