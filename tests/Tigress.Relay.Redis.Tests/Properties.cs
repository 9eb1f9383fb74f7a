// The tests measure latencies and stop servers under load: on a small machine they run one class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
