package parley.server;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;

/**
 * Threads for per-connection work: virtual threads on a JVM of version 21 or later, platform threads on 17.
 *
 * <p>The code is compiled for Java 17, where {@code Thread.ofVirtual()} does not exist, so it is looked up
 * at run time. The lookup goes through the public interface {@code java.lang.Thread$Builder}: the builder's
 * own class is internal and not accessible.
 */
public final class ConnectionThreads {

    private final ThreadFactory factory;
    private final boolean virtual;

    private ConnectionThreads(ThreadFactory factory, boolean virtual) {
        this.factory = factory;
        this.virtual = virtual;
    }

    /** Virtual threads named {@code prefix-N} when the JVM has them, daemon platform threads otherwise. */
    public static ConnectionThreads create(String prefix) {
        ThreadFactory v = virtualFactory(prefix);
        if (v != null) {
            return new ConnectionThreads(v, true);
        }
        return platform(prefix);
    }

    /** Daemon platform threads named {@code prefix-N} whatever the JVM: what Java 17 gets, to test it on any. */
    public static ConnectionThreads platform(String prefix) {
        return new ConnectionThreads(DaemonThreads.named(prefix), false);
    }

    public Thread start(Runnable task) {
        Thread t = factory.newThread(task);
        t.start();
        return t;
    }

    public boolean isVirtual() {
        return virtual;
    }

    private static ThreadFactory virtualFactory(String prefix) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            MethodHandle ofVirtual = lookup.findStatic(Thread.class, "ofVirtual",
                    MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual")));
            MethodHandle name = lookup.findVirtual(builder, "name",
                    MethodType.methodType(builder, String.class, long.class));
            MethodHandle factory = lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
            Object named = name.invoke(ofVirtual.invoke(), prefix + "-", 1L);
            return (ThreadFactory) factory.invoke(named);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return null; // Java 17 to 20: no virtual threads
        } catch (Throwable e) {
            return null;
        }
    }
}
