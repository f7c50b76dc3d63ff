package vn.chidao.jpamodule;

import java.time.OffsetDateTime;
import java.util.UUID;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

import org.eclipse.persistence.annotations.Convert;
import org.eclipse.persistence.annotations.Converter;

@Entity
@Table(schema = "jpamodule", name = "memo")
@Converter(name = "pg-uuid", converterClass = UuidConverter.class)
public class Memo {
    @Id
    @Convert("pg-uuid")
    private UUID id;

    @Column(nullable = false)
    private String subject;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected Memo() {
    }

    public Memo(UUID id, String subject, OffsetDateTime createdAt) {
        this.id = id;
        this.subject = subject;
        this.createdAt = createdAt;
    }

    public UUID getId() {
        return id;
    }

    public String getSubject() {
        return subject;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }
}
