import React, {useState} from 'react';
import {ScrollView, StyleSheet, Text} from 'react-native';
import {ApiError} from '../api/problem';
import {Banner, Button, Field} from '../ui/components';
import {describeError} from '../ui/errors';
import {colors, spacing, type} from '../ui/theme';
import {appleSignInAvailable} from './apple';
import {useAuth} from './AuthContext';

export function SignInForm({onDone}: {onDone?: () => void}) {
  const auth = useAuth();
  const [mode, setMode] = useState<'login' | 'signup'>('login');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(action: () => Promise<void>) {
    setBusy(true);
    setErrors({});
    setBanner(null);
    try {
      await action();
      onDone?.();
    } catch (e) {
      if (e instanceof ApiError) {
        setErrors(e.fieldErrors);
      }
      setBanner(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <ScrollView style={s.screen} keyboardShouldPersistTaps="handled">
      <Text style={type.title}>{mode === 'login' ? 'Log in' : 'Create your account'}</Text>
      {banner ? <Banner kind="error" text={banner} /> : null}
      {mode === 'signup' ? (
        <Field label="Name" value={displayName} onChangeText={setDisplayName} error={errors.displayName} />
      ) : null}
      <Field
        label="Email"
        value={email}
        onChangeText={setEmail}
        error={errors.email}
        autoCapitalize="none"
        keyboardType="email-address"
        autoComplete="email"
      />
      <Field
        label="Password"
        value={password}
        onChangeText={setPassword}
        error={errors.password}
        secureTextEntry
        autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
      />
      <Button
        testID="submit-auth"
        title={mode === 'login' ? 'Log in' : 'Sign up'}
        disabled={busy}
        onPress={() =>
          submit(() =>
            mode === 'login'
              ? auth.logIn(email.trim(), password)
              : auth.signUp(email.trim(), password, displayName.trim()),
          )
        }
      />
      {appleSignInAvailable ? (
        <Button
          title="Sign in with Apple"
          kind="secondary"
          disabled={busy}
          onPress={() => submit(auth.signInWithApple)}
        />
      ) : null}
      <Button
        title={mode === 'login' ? 'New here? Create an account' : 'Have an account? Log in'}
        kind="secondary"
        onPress={() => setMode(m => (m === 'login' ? 'signup' : 'login'))}
      />
    </ScrollView>
  );
}

export function RequireAuth({children}: {children: React.ReactNode}) {
  const {state} = useAuth();
  if (state.status === 'signedIn') {
    return <>{children}</>;
  }
  return <SignInForm />;
}

const s = StyleSheet.create({
  screen: {flex: 1, backgroundColor: colors.background, padding: spacing.lg},
});
