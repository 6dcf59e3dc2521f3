import React from 'react';
import {ErrorState} from './components';
import {captureException} from '../telemetry/sentry';

/** Keeps one broken screen from taking the app down; reports the crash. */
export class ErrorBoundary extends React.Component<{children: React.ReactNode; name: string}, {error: Error | null}> {
  state = {error: null as Error | null};

  static getDerivedStateFromError(error: Error) {
    return {error};
  }

  componentDidCatch(error: Error) {
    captureException(error, {screen: this.props.name});
  }

  render() {
    if (this.state.error) {
      return <ErrorState message="Something went wrong on this screen." onRetry={() => this.setState({error: null})} />;
    }
    return this.props.children;
  }
}
