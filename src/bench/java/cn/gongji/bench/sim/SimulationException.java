package cn.gongji.bench.sim;

/** Stops the generator with a message for the operator (exit code 1). */
public final class SimulationException extends RuntimeException {
    public SimulationException(String message) {
        super(message);
    }
}
