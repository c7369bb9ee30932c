package dev.overtime.platform.appsync.subscriptions;

/**
 * Publishes shared with other nodes serving the same APIs: each attached hub publishes through it and
 * gets every node's publishes back in one order ({@link SubscriptionHub#relayThrough}, {@link SubscriptionHub#deliver}).
 */
public interface SharedPublishes extends AutoCloseable {

    void attach(String apiId, SubscriptionHub hub);

    @Override
    void close();
}
