package com.gemetrics.query.axon;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentBalancerTest {

	@ParameterizedTest(name = "holding {0} of {1} segments with {2} live nodes releases {3}")
	@CsvSource({ "4, 4, 1, 0", "4, 4, 2, 2", "3, 3, 2, 1", "2, 3, 2, 0", "1, 1, 2, 0", "0, 4, 2, 0", "4, 4, 3, 2",
			"4, 4, 0, 0" })
	void releasesOnlyWhatIsAboveTheFairShare(int owned, int total, int liveNodes, int released) {
		assertThat(SegmentBalancer.excess(owned, total, liveNodes)).isEqualTo(released);
	}

}
