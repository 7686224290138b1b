package io.vanishwatch.collector.serverlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The follower on real files: appends, rotation by rename, copytruncate, partial lines, resuming from a position. */
class FileLogLinesTest {

    @TempDir
    Path dir;

    private static void append(Path file, int from, int to) throws IOException {
        StringBuilder text = new StringBuilder();
        IntStream.range(from, to).forEach(i -> text.append("line ").append(i).append('\n'));
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static List<String> expected(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "line " + i).toList();
    }

    private static List<String> texts(List<LogLines.Line> lines) {
        return lines.stream().map(LogLines.Line::text).toList();
    }

    /** Polls until nothing more comes twice in a row. */
    private static List<LogLines.Line> drain(LogLines follower, int batch) throws IOException {
        List<LogLines.Line> all = new ArrayList<>();
        int empty = 0;
        while (empty < 2) {
            List<LogLines.Line> lines = follower.poll(batch).lines();
            all.addAll(lines);
            empty = lines.isEmpty() ? empty + 1 : 0;
        }
        return all;
    }

    @Test
    void shouldFinishTheRenamedFileThenReadTheNewOneWithoutLosingOrRepeatingALine() throws IOException {
        Path log = dir.resolve("dovecot.log");
        append(log, 0, 100);
        try (FileLogLines follower = FileLogLines.open(log, null, false)) {
            List<LogLines.Line> read = new ArrayList<>(follower.poll(30).lines());

            append(log, 100, 150);
            Files.move(log, dir.resolve("dovecot.log.1"));
            append(log, 150, 200);
            read.addAll(drain(follower, 30));

            assertThat(texts(read)).containsExactlyElementsOf(expected(0, 200));
            assertThat(read).extracting(LogLines.Line::identity).doesNotHaveDuplicates();
        }
    }

    @Test
    void shouldReadWhatOnlyTheCopyHoldsWhenTheLogIsTruncatedMidStream() throws IOException {
        Path log = dir.resolve("dovecot.log");
        append(log, 0, 100);
        try (FileLogLines follower = FileLogLines.open(log, null, false)) {
            List<LogLines.Line> read = new ArrayList<>(follower.poll(30).lines());

            append(log, 100, 120);
            Files.copy(log, dir.resolve("dovecot.log.1"), StandardCopyOption.COPY_ATTRIBUTES);
            try (FileChannel truncate = FileChannel.open(log, StandardOpenOption.WRITE)) {
                truncate.truncate(0);
            }
            append(log, 120, 160);
            read.addAll(drain(follower, 30));

            assertThat(texts(read)).containsExactlyElementsOf(expected(0, 160));
            assertThat(read).extracting(LogLines.Line::identity).doesNotHaveDuplicates();
        }
    }

    @Test
    void shouldNoticeATruncationEvenWhenTheLogHasGrownPastWhereItWas() throws IOException {
        Path log = dir.resolve("dovecot.log");
        append(log, 0, 10);
        try (FileLogLines follower = FileLogLines.open(log, null, false)) {
            List<LogLines.Line> read = new ArrayList<>(drain(follower, 100));

            Files.copy(log, dir.resolve("dovecot.log.1"));
            try (FileChannel truncate = FileChannel.open(log, StandardOpenOption.WRITE)) {
                truncate.truncate(0);
            }
            append(log, 1000, 1100);
            read.addAll(drain(follower, 100));

            assertThat(texts(read)).containsExactlyElementsOf(
                    java.util.stream.Stream.concat(expected(0, 10).stream(), expected(1000, 1100).stream()).toList());
        }
    }

    @Test
    void shouldWaitForTheRestOfAHalfWrittenLine() throws IOException {
        Path log = dir.resolve("dovecot.log");
        Files.writeString(log, "Nov 28 11:11:56 imap-login: Info: Log");
        try (FileLogLines follower = FileLogLines.open(log, null, false)) {
            assertThat(follower.poll(10).lines()).isEmpty();

            Files.writeString(log, "in: user=<alice>\r\n", StandardOpenOption.APPEND);

            assertThat(texts(follower.poll(10).lines())).containsExactly("Nov 28 11:11:56 imap-login: Info: Login: user=<alice>");
        }
    }

    @Test
    void shouldResumeWhereItsPositionSaysAlsoWhenTheFileWasRotatedMeanwhile() throws IOException {
        Path log = dir.resolve("dovecot.log");
        append(log, 0, 100);
        LogPosition position;
        List<LogLines.Line> first;
        try (FileLogLines follower = FileLogLines.open(log, null, false)) {
            LogLines.Batch batch = follower.poll(40);
            first = batch.lines();
            position = batch.position();
        }
        assertThat(position.offset()).isEqualTo(Files.size(log) - "line 40\n".length() * 10 - "line 50\n".length() * 50);

        append(log, 100, 120);
        Files.move(log, dir.resolve("dovecot.log.1"));
        append(log, 120, 130);
        try (FileLogLines resumed = FileLogLines.open(log, position, false)) {
            List<LogLines.Line> rest = drain(resumed, 25);

            assertThat(texts(first)).containsExactlyElementsOf(expected(0, 40));
            assertThat(texts(rest)).containsExactlyElementsOf(expected(40, 130));
        }
    }

    @Test
    void shouldStartAtTheEndOfAnOldLogWhenToldSoAndWaitForAMissingOne() throws IOException {
        Path log = dir.resolve("dovecot.log");
        Path missing = dir.resolve("later.log");
        append(log, 0, 10);
        try (FileLogLines fromEnd = FileLogLines.open(log, null, true);
             FileLogLines waiting = FileLogLines.open(missing, null, true)) {
            assertThat(fromEnd.poll(100).lines()).isEmpty();
            assertThat(waiting.poll(100).lines()).isEmpty();

            append(log, 10, 12);
            append(missing, 0, 2);

            assertThat(texts(fromEnd.poll(100).lines())).containsExactlyElementsOf(expected(10, 12));
            assertThat(texts(waiting.poll(100).lines())).containsExactlyElementsOf(expected(0, 2));
        }
    }
}
