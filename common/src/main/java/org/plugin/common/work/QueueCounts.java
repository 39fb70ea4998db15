package org.plugin.common.work;

/**
 * What a queue holds at one instant, for its gauges: items not done yet ({@code pending}, leased or
 * not), of which {@code retrying} have failed at least once. What runs is counted by each replica's
 * loop itself (it knows what it holds), so a lease kept in a due-time column needs no second column.
 */
public record QueueCounts(long pending, long retrying) {

    public static final QueueCounts NONE = new QueueCounts(0, 0);
}
