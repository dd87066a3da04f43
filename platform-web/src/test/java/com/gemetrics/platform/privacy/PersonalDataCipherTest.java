package com.gemetrics.platform.privacy;

import java.util.Base64;
import java.util.UUID;

import javax.crypto.SecretKey;

import com.gemetrics.api.privacy.EncryptedValue;
import com.gemetrics.api.user.UserId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalDataCipherTest {

	private static final UserId ANN = new UserId(UUID.fromString("6f1c2a8e-3b7d-4c1e-9a2f-5d8e7b6c4a01"));

	private static final UserId BOB = new UserId(UUID.fromString("0b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c6b"));

	private final PersonalDataCipher cipher = new PersonalDataCipher("a-long-random-key-encryption-secret");

	@Test
	void encryptsAndDecryptsUnderTheUsersKey() {
		SecretKey key = this.cipher.newDataKey();

		EncryptedValue value = this.cipher.encrypt(ANN, key, "Zezima@Example.com");

		assertThat(value.ciphertext()).doesNotContain("Zezima");
		assertThat(Base64.getDecoder().decode(value.ciphertext())).hasSize(12 + "Zezima@Example.com".length() + 16);
		assertThat(this.cipher.decrypt(ANN, key, value)).isEqualTo("Zezima@Example.com");
		assertThat(value.toString()).doesNotContain(value.ciphertext());
	}

	@Test
	void theSameValueEncryptsDifferentlyEachTime() {
		SecretKey key = this.cipher.newDataKey();

		assertThat(this.cipher.encrypt(ANN, key, "Zezima")).isNotEqualTo(this.cipher.encrypt(ANN, key, "Zezima"));
	}

	@Test
	void aValueMovedToAnotherUserDoesNotDecrypt() {
		SecretKey key = this.cipher.newDataKey();
		EncryptedValue annsAddress = this.cipher.encrypt(ANN, key, "ann@example.com");

		assertThatThrownBy(() -> this.cipher.decrypt(BOB, key, annsAddress))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void anotherKeyDoesNotDecrypt() {
		EncryptedValue value = this.cipher.encrypt(ANN, this.cipher.newDataKey(), "ann@example.com");

		assertThatThrownBy(() -> this.cipher.decrypt(ANN, this.cipher.newDataKey(), value))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aTamperedValueDoesNotDecrypt() {
		SecretKey key = this.cipher.newDataKey();
		byte[] sealed = Base64.getDecoder().decode(this.cipher.encrypt(ANN, key, "ann@example.com").ciphertext());
		sealed[sealed.length - 1] ^= 1;

		assertThatThrownBy(
				() -> this.cipher.decrypt(ANN, key, new EncryptedValue(Base64.getEncoder().encodeToString(sealed))))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> this.cipher.decrypt(ANN, key, new EncryptedValue("not base64 at all!")))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aWithheldValueHasNothingToDecrypt() {
		assertThatThrownBy(() -> this.cipher.decrypt(ANN, this.cipher.newDataKey(), EncryptedValue.withheld()))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void wrapsTheDataKeyUnderTheSecretAndTheUser() {
		SecretKey key = this.cipher.newDataKey();
		byte[] wrapped = this.cipher.wrap(ANN, key);

		assertThat(this.cipher.unwrap(ANN, wrapped).getEncoded()).isEqualTo(key.getEncoded());
		assertThatThrownBy(() -> this.cipher.unwrap(BOB, wrapped)).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> new PersonalDataCipher("another-secret").unwrap(ANN, wrapped))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("GE_AUTH_KEY_SECRET");
	}

}
