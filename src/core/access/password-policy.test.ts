import { describe, expect, it } from "vitest";
import { PASSWORD_PROBLEM_MESSAGES, passwordProblem } from "./password-policy.ts";

const account = { username: "daumoi", fullName: "Lê Thị Thủy" };

describe("password policy", () => {
  it("refuses passwords shorter than 10 characters", () => {
    expect(passwordProblem("Xk3#pq9z", account)).toBe("too_short");
    expect(passwordProblem("Xk3#pq9zW!", account)).toBeNull();
  });

  it("refuses a repetition or a run of few characters (aaaaaaaaaa passed before)", () => {
    expect(passwordProblem("aaaaaaaaaa", account)).toBe("too_simple");
    expect(passwordProblem("ababababab", account)).toBe("too_simple");
    expect(passwordProblem("abcdefghijkl", account)).toBe("too_simple");
    expect(passwordProblem("9876543210", account)).toBe("too_simple");
  });

  it("refuses passwords containing the username or the full name, ignoring case and diacritics", () => {
    expect(passwordProblem("DauMoi-2026-xyz", account)).toBe("contains_name");
    expect(passwordProblem("đầumới#2026kq", account)).toBe("contains_name");
    expect(passwordProblem("lethithuy!2026", account)).toBe("contains_name");
    expect(passwordProblem("Lê Thị Thủy 88", account)).toBe("contains_name");
  });

  it("refuses common and breached passwords, Vietnamese ones included", () => {
    for (const common of [
      "1234567890",
      "qwertyuiop",
      "password123",
      "1q2w3e4r5t",
      "matkhau123",
      "MatKhau123",
      "mậtkhẩu123",
      "123456789a",
      "anhyeuem123",
      "iloveyou2026",
      "matkhau2026!",
      "mat-khau.123",
      "Mat_Khau_2026",
    ]) {
      expect(passwordProblem(common, account), common).toBe("common");
    }
  });

  it("accepts a long passphrase and a random password", () => {
    expect(passwordProblem("hoa sen nở trên đầm 1975", account)).toBeNull();
    expect(passwordProblem("mat-khau-thu-nghiem", account)).toBeNull();
    expect(passwordProblem("T7#vq!mR2xLp", account)).toBeNull();
  });

  it("names every rule in Vietnamese", () => {
    for (const message of Object.values(PASSWORD_PROBLEM_MESSAGES)) {
      expect(message).toMatch(/Mật khẩu/);
    }
  });
});
