package io.github.jawait;

/**
 * How an {@link EventLoop}'s {@code createTask} makes tasks, asyncio's
 * {@code loop.set_task_factory(factory)}. {@link #EAGER} is {@code asyncio.eager_task_factory}
 * (3.12): every task runs its coroutine at once, up to its first suspension, inside
 * {@code createTask}; a coroutine that never suspends gives a task already done, without a
 * loop turn. A factory of your own decorates one of the two (to name, count or log tasks):
 *
 * <pre>{@code
 * loop.setTaskFactory(TaskFactory.EAGER);
 * loop.setTaskFactory(new TaskFactory() {
 *     public <T> Task<T> create(EventLoop loop, Coroutine<T> c, String name, Context context) {
 *         created++;
 *         return TaskFactory.EAGER.create(loop, c, name, context);
 *     }
 * });
 * }</pre>
 *
 * <p>The factory serves every {@code createTask} without an explicit {@code eager} flag, so also
 * the tasks {@code gather}, {@code TaskGroup} and the other combinators make; the loop's main
 * task is not eager (the loop is not running yet when it is made, as in asyncio).
 */
public interface TaskFactory {
    /**
     * A new task of {@code loop} running {@code coroutine}, named {@code name} (null:
     * {@code Task-N}), in {@code context} (null: a copy of the current context). Must return a
     * task of {@code loop}.
     */
    <T> Task<T> create(EventLoop loop, Coroutine<T> coroutine, String name, Context context);

    /** Tasks that start on the next loop turn: what the loop does without a factory. */
    TaskFactory DEFAULT = new TaskFactory() {
        @Override
        public <T> Task<T> create(EventLoop loop, Coroutine<T> coroutine, String name, Context context) {
            return loop.newTask(coroutine, name, false, context);
        }

        @Override
        public String toString() {
            return "TaskFactory.DEFAULT";
        }
    };

    /** Tasks that start eagerly while the loop runs ({@code asyncio.eager_task_factory}). */
    TaskFactory EAGER = new TaskFactory() {
        @Override
        public <T> Task<T> create(EventLoop loop, Coroutine<T> coroutine, String name, Context context) {
            return loop.newTask(coroutine, name, true, context);
        }

        @Override
        public String toString() {
            return "TaskFactory.EAGER";
        }
    };
}
