package org.dl4jinit.sweep;

import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.arbiter.optimize.generator.GeneticSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;

/**
 * Which candidates a sweep evaluates: Arbiter's grid, random or genetic search over a space, and how many.
 * Immutable; made by {@link SweepBuilder} and opened once per run.
 */
final class CandidatePlan {

    /** Arbiter's search strategies. */
    enum Search { GRID, RANDOM, GENETIC }

    /** An opened generator with the number of candidates to take from it. */
    static final class Opened {
        final CandidateGenerator generator;
        final int total;

        Opened(CandidateGenerator generator, int total) {
            this.generator = generator;
            this.total = total;
        }
    }

    final ParameterSpace<?> space;
    final Search search;
    final int discretization;
    final int candidates;
    final long seed;

    CandidatePlan(ParameterSpace<?> space, Search search, int discretization, int candidates, long seed) {
        this.space = space;
        this.search = search;
        this.discretization = discretization;
        this.candidates = candidates;
        this.seed = seed;
    }

    /**
     * @param scoreFunction the objective (genetic search breeds from its scores)
     * @return a fresh generator (seeded) and how many candidates to take: every grid point, or the requested number
     */
    Opened open(ScoreFunction scoreFunction) {
        switch (search) {
            case GRID:
                GridSearchCandidateGenerator grid = new GridSearchCandidateGenerator(space, discretization,
                        GridSearchCandidateGenerator.Mode.Sequential, null);
                return new Opened(grid, grid.getTotalNumCandidates());
            case RANDOM:
                RandomSearchGenerator random = new RandomSearchGenerator(space, null);
                random.setRngSeed(seed);
                return new Opened(random, candidates);
            default:
                CandidateGenerator genetic = new GeneticSearchCandidateGenerator.Builder(space, scoreFunction).build();
                genetic.setRngSeed(seed);
                return new Opened(genetic, candidates);
        }
    }
}
