package io.zmqspring.benchmarks;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One line of the results: a variant of a scenario, its median over the measured rounds, every
 * round, and the bytes allocated per message on the measured threads.
 *
 * @param scenario the scenario, for example {@code 1 one-way send tcp}
 * @param variant {@code raw}, {@code starter} or another implementation
 * @param metric the unit, for example {@code msg/s} or {@code p50 us}
 * @param median the median over the rounds
 * @param rounds each measured round
 * @param bytesPerMessage bytes allocated per message on the measured threads, if measured
 * @param ratio the ratio to the scenario's baseline, if any
 * @param note what the ratio is against, or a remark
 */
record Row(String scenario, String variant, String metric, double median, List<Double> rounds,
		@Nullable Double bytesPerMessage, @Nullable Double ratio, String note) {

	Row withRatio(double baseline, String against) {
		return new Row(this.scenario, this.variant, this.metric, this.median, this.rounds, this.bytesPerMessage,
				(baseline > 0) ? this.median / baseline : null, against);
	}

}
