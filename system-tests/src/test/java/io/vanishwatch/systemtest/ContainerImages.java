package io.vanishwatch.systemtest;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.List;

import com.github.dockerjava.api.exception.NotFoundException;
import org.testcontainers.DockerClientFactory;

/**
 * The images {@code containers/build-images} builds, and the assumptions a container test makes before it starts any:
 * run with {@code -Pcontainers}, an engine at {@code DOCKER_HOST}, every image built. Otherwise it is skipped, saying
 * which of these is missing.
 */
final class ContainerImages {

    static final String KAFKA = "vanishwatch/kafka:local";
    static final String COLLECTOR = "vanishwatch/collector:local";
    static final String ANALYZER = "vanishwatch/analyzer:local";
    static final String NOTIFIER = "vanishwatch/notifier:local";
    static final List<String> ALL = List.of(KAFKA, COLLECTOR, ANALYZER, NOTIFIER);

    private ContainerImages() {
    }

    static void assumeBuiltAndEngineRunning() {
        assumeThat(Boolean.getBoolean("vanishwatch.containers"))
                .as("container tests run only with -Pcontainers (and a Docker engine with the images of "
                        + "containers/build-images: see .ci/containers)")
                .isTrue();
        assumeThat(DockerClientFactory.instance().isDockerAvailable())
                .as("no container engine answers at %s: start one (containers/engine start) and set DOCKER_HOST",
                        System.getenv("DOCKER_HOST") == null ? "the default socket (DOCKER_HOST is unset)"
                                : "DOCKER_HOST=" + System.getenv("DOCKER_HOST"))
                .isTrue();
        for (String image : ALL) {
            boolean built;
            try {
                DockerClientFactory.instance().client().inspectImageCmd(image).exec();
                built = true;
            } catch (NotFoundException e) {
                built = false;
            }
            assumeThat(built).as("the image %s is not built: run containers/build-images", image).isTrue();
        }
    }
}
