package org.plugin.privacy.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plugin.privacy.api.ContactStatus;
import org.plugin.privacy.api.JobSource;
import org.plugin.privacy.api.JobStatus;
import org.plugin.privacy.api.RequestStatus;
import org.plugin.privacy.api.RequestType;
import org.plugin.privacy.api.StepStatus;
import org.plugin.privacy.repository.ContactRequest;
import org.plugin.privacy.repository.ErasureJob;
import org.plugin.privacy.repository.ErasureStep;
import org.plugin.privacy.repository.PrivacyRequest;
import org.plugin.privacy.support.UnitFixtures;

/** Every state stored has its twin in the API, constant for constant: converting one never fails at run time. */
@Tag(UnitFixtures.UNIT)
class EnumsTest {

    static List<String> names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }

    @Test
    void storedStatesAndTheirApiTwinsHaveTheSameConstants() {
        assertThat(names(RequestType.class)).isEqualTo(names(PrivacyRequest.Type.class));
        assertThat(names(RequestStatus.class)).isEqualTo(names(PrivacyRequest.Status.class));
        assertThat(names(JobStatus.class)).isEqualTo(names(ErasureJob.Status.class));
        assertThat(names(JobSource.class)).isEqualTo(names(ErasureJob.Source.class));
        assertThat(names(StepStatus.class)).isEqualTo(names(ErasureStep.Status.class));
        assertThat(names(ContactStatus.class)).isEqualTo(names(ContactRequest.Status.class));
    }

    @Test
    void conversionKeepsTheConstantAndNull() {
        assertThat(Enums.as(RequestStatus.class, PrivacyRequest.Status.IN_PROGRESS)).isEqualTo(RequestStatus.IN_PROGRESS);
        assertThat(Enums.as(PrivacyRequest.Type.class, RequestType.ERASURE)).isEqualTo(PrivacyRequest.Type.ERASURE);
        assertThat(Enums.as(JobStatus.class, null)).isNull();
    }
}
